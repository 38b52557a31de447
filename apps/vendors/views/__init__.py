"""Thin views: parse, call a service or a query, render. Every one declares its capability.

vendors (vendors, contacts, certificates, quotes), orders, rentals, invoices, reports.
"""
