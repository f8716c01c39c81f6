namespace Notifications;

/// <summary><c>Notifications:*</c> settings. Every default is the production one; tests shorten the delivery times.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>32 bytes, base64: encrypts the signing secrets at rest (they are needed in clear to sign, so they cannot be hashed).</summary>
    public string? SecretEncryptionKey { get; set; }

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>Local development and tests only: lets a webhook be plain http to a loopback address. Nothing else is ever allowed.</summary>
    public bool AllowInsecureLoopback { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The whole call, from connecting to the last byte read.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How much of a partner's answer is read (then dropped): a receiver cannot make us buffer its stream.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How long a new secret's predecessors stay valid after a rotation, unless the request says otherwise.</summary>
    public TimeSpan DefaultRotationOverlap { get; set; } = TimeSpan.FromHours(24);
}

public sealed class DeliveryOptions
{
    /// <summary>The cap of the first retry's random wait; it doubles each attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a delivery is retried before it is dead-lettered: at least a day.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(26);

    /// <summary>An endpoint failing without a single success for this long is disabled and its organization told.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a worker owns the deliveries it claimed; a crashed worker's claims are taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; set; } = 64;

    /// <summary>The longest a worker sleeps without a signal: only scheduled retries depend on it, new notifications wake it.</summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(5);
}
