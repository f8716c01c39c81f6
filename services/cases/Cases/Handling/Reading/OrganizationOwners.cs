using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Reading;

/// <summary>
/// An organization's case list belongs to the organization itself. Cases keeps no registry of
/// organizations (identity does), so any well-formed id owns itself: a stranger's id is another
/// organization's list (404 unless an auditor assignment grants it), never a way to learn whether
/// that organization exists.
/// </summary>
public sealed class OrganizationOwners : IResourceOwners
{
    public const string Type = "organization";

    public string ResourceType => Type;

    public ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Guid.TryParse(resourceId, out var id) ? id.ToString("D") : null);
}
