"""Platform adapters: translate updates in and render messages out. Imported only when used."""
