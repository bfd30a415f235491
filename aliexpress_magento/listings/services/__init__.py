"""The listing engine's steps that read and write the database and call the APIs."""
