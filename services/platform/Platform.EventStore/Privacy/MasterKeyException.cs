namespace Platform.EventStore.Privacy;

/// <summary>Master keys are misconfigured, or a data key cannot be unwrapped. Messages never contain key material.</summary>
public sealed class MasterKeyException(string message, Exception? innerException = null) : Exception(message, innerException);
