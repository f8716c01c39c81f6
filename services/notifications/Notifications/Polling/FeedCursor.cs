using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Notifications.Polling;

/// <summary>
/// Where a partner's feed reading stands: the (transaction id, position) of the last entry it
/// got. Opaque to partners (base64url), so its shape may change.
/// </summary>
public readonly record struct FeedCursor(ulong TransactionId, long Position)
{
    public static readonly FeedCursor Start = new(0, 0);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{TransactionId}:{Position}")));

    public static bool TryParse(string? value, out FeedCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value)).Split(':');
            if (parts.Length == 2
                && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var transactionId)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                cursor = new FeedCursor(transactionId, position);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
