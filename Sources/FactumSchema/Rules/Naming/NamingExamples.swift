/// A one-event domain file whose event has the given name, marked as the line a naming finding
/// points at.
func namingExample(event: String) -> String {
    """
    domain: Shop
    entities:
      Order:
        events:
          \(event):  # <-
            id: 0d5c3f1e-2b4a-4c6d-8e9f-1a2b3c4d5e6f
    """
}
