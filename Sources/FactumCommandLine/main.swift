print("factum")
