"""The same documents in other formats: readers for .docx, .html and .pdf."""
