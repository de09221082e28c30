"""The creator's Samples page (样品): requests, the content owed, fulfilment and sample ROI."""
