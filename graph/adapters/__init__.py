"""Store adapters: the only code that reads cypher/ files and talks to a database."""
