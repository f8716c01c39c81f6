namespace Identity.SigningKeys;

/// <summary>
/// <c>Identity:Issuer</c> (the public address partners get tokens from, the gateway's),
/// <c>Identity:TokenLifetime</c> (short: there is no revocation of a token once issued) and
/// <c>Identity:SigningKeyLifetime</c> (how long one key signs before the next takes over).
/// </summary>
public sealed class TokenSettings
{
    public string Issuer { get; set; } = "";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A retired key stays published this long after its last token expires, for clocks that run behind.</summary>
    public static readonly TimeSpan PublishingMargin = TimeSpan.FromMinutes(1);
}
