using System.Globalization;
using System.Text.Json.Nodes;
using Referrals.Referring.Reading;

namespace Referrals.Referring.Fhir;

/// <summary>
/// A referral as an HL7 FHIR R4 <c>Task</c> (intent <c>order</c>): its status is the referral's
/// own, already a FHIR Task status; <c>businessStatus</c> carries the finer state (a reason, an
/// outcome, overdue, re-routed); <c>restriction.period.end</c> is when the consent ends, and
/// <c>restriction.recipient</c> the one organization it lets see the data. The case and the
/// directory's service are logical references (an identifier, no resource to follow): FHIR
/// clients learn the referral, never the shared data, which stays behind the referral's own API.
/// </summary>
public static class FhirTask
{
    public const string MediaType = "application/fhir+json";
    public const string BusinessStatusSystem = "urn:platform:referrals:business-status";
    public const string PurposeSystem = "urn:platform:referrals:purpose";
    public const string CaseSystem = "urn:platform:cases:case";
    public const string ServiceSystem = "urn:platform:referrals:directory-service";

    public static JsonObject Of(ReferralRow row, bool forRecipient)
    {
        ArgumentNullException.ThrowIfNull(row);
        var task = new JsonObject
        {
            ["resourceType"] = "Task",
            ["id"] = row.ReferralId.ToString("D"),
            ["meta"] = new JsonObject { ["versionId"] = row.Version.ToString(CultureInfo.InvariantCulture), ["lastUpdated"] = Instant(row.UpdatedAt) },
            ["status"] = row.Status,
            ["intent"] = "order",
            ["reasonCode"] = Concept(PurposeSystem, row.Purpose),
            ["focus"] = Logical("HealthcareService", ServiceSystem, row.ServiceId),
            ["authoredOn"] = Instant(row.RequestedAt),
            ["lastModified"] = Instant(row.UpdatedAt),
            ["requester"] = Organization(row.ReferringOrganizationId),
            ["owner"] = Organization(row.RecipientOrganizationId),
            ["restriction"] = new JsonObject
            {
                ["period"] = new JsonObject { ["end"] = Instant(row.ConsentEndedAt is { } ended && ended < row.ConsentExpiresAt ? ended : row.ConsentExpiresAt) },
                ["recipient"] = new JsonArray(Organization(row.RecipientOrganizationId)),
            },
        };
        if (!forRecipient)
        {
            // The referring case is the referrer's own record: the recipient is not told its id.
            task["for"] = Logical("EpisodeOfCare", CaseSystem, row.CaseId);
        }
        if (BusinessStatusOf(row) is { } businessStatus)
        {
            task["businessStatus"] = Concept(BusinessStatusSystem, businessStatus);
        }
        return task;
    }

    /// <summary>The reason or outcome the referral recorded; else overdue while unanswered past its deadline.</summary>
    private static string? BusinessStatusOf(ReferralRow row) =>
        row.BusinessStatus ?? (row.Overdue && row.Status == "requested" ? "overdue" : null);

    private static JsonObject Concept(string system, string code) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }),
        ["text"] = code,
    };

    private static JsonObject Organization(Guid organizationId) => new() { ["reference"] = $"Organization/{organizationId:D}" };

    private static JsonObject Logical(string type, string system, Guid id) => new()
    {
        ["type"] = type,
        ["identifier"] = new JsonObject { ["system"] = system, ["value"] = id.ToString("D") },
    };

    private static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
