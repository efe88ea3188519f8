"""Personal data duties under UU PDP: copies, requests, erasure, retention, the breach register."""
