using System.Text;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

/// <summary>
/// The id of something a consumer makes from a message, besides the one that takes the message's
/// own id: a <see cref="NameBasedGuid"/> of the message id and a name, so a redelivery of the
/// message makes the same ids again and deduplication holds for every one of them.
/// </summary>
public static class DerivedMessageId
{
    public static Guid Of(Guid messageId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        messageId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        return NameBasedGuid.Of(input);
    }
}
