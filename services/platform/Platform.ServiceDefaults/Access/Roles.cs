namespace Platform.ServiceDefaults.Access;

public static class Roles
{
    /// <summary>Registers organizations and clients, rotates signing keys: the platform operator only.</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>Reads, never writes, what the organizations it is assigned to own.</summary>
    public const string Auditor = "auditor";

    /// <summary>A partner's integration handling its own reports and cases.</summary>
    public const string Caseworker = "caseworker";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, Auditor, Caseworker];
}
