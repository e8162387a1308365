"""The report leaving Torget: `assembly` gathers a period (or the city) from the database
into a `document.ReportDocument`; `docx`, `text` (Markdown, CSV) and `chart` turn that plain
data into files, without Flask or a database."""
