using Referrals.KnownCases;
using Referrals.Sharing;

namespace Referrals.Consents.Granting;

/// <summary>The affected person's consent, as the referring organization records it for one of its cases.</summary>
public sealed record GrantConsentRequest(
    Guid? CaseId, Guid? RecipientOrganizationId, ReferralPurpose? Purpose, IReadOnlyList<ShareableField>? Scope, DateTimeOffset? ExpiresAt);

public static class GrantConsentEndpoint
{
    public static async Task<IResult> HandleAsync(GrantConsentRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = Changes.Context(http);
        var consentId = Guid.CreateVersion7();
        var events = GrantConsent.Decide(new(consentId, Changes.OrganizationOf(caller), Changes.Required(request.CaseId, "caseId"),
            Changes.Required(request.RecipientOrganizationId, "recipientOrganizationId"), Changes.Required(request.Purpose, "purpose"),
            request.Scope ?? [], Changes.Required(request.ExpiresAt, "expiresAt").ToUniversalTime(), caller.ClientId, at), ConsentState.Initial);
        await CaseOrganizations.EnsureOwnAsync(http, request.CaseId!.Value);
        return await ConsentEndpoints.CreateAsync(http, store, consentId, events, caller, at);
    }
}
