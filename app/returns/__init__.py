"""Council returns: templates as data, return periods and due dates, and a return worked out from the records."""
