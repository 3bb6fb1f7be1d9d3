/// Placeholder until the audio layer lands.
public enum AudioPlaceholder {}
