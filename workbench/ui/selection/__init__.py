"""The selection center (选品中心): the page creators find products on, and its parts."""
