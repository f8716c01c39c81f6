namespace Platform.ServiceDefaults.Access;

/// <summary>One scope per API a client may call; roles then say what it may do there.</summary>
public static class Scopes
{
    public const string Identity = "identity";
    public const string IdentityAdmin = "identity.admin";
    public const string Intake = "intake";

    /// <summary>Submitting reports on the partner route (reading them needs <see cref="Intake"/>): partners have it, auditors never do.</summary>
    public const string IntakeSubmit = "intake.submit";
    public const string Cases = "cases";
    public const string Referrals = "referrals";
    public const string Notifications = "notifications";

    public static readonly IReadOnlyList<string> All = [Identity, IdentityAdmin, Intake, IntakeSubmit, Cases, Referrals, Notifications];
}
