"""Layout-family recognisers: each module yields facts from one family of layouts."""
