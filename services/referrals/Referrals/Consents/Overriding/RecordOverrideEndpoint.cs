using Referrals.KnownCases;
using Referrals.Sharing;

namespace Referrals.Consents.Overriding;

/// <summary>Sharing without consent: the ground, the law that allows it, and the same bounds as a consent.</summary>
public sealed record RecordOverrideRequest(
    Guid? CaseId, Guid? RecipientOrganizationId, ReferralPurpose? Purpose, IReadOnlyList<ShareableField>? Scope,
    OverrideGround? Ground, string? LegalBasis, DateTimeOffset? ExpiresAt);

public static class RecordOverrideEndpoint
{
    public static async Task<IResult> HandleAsync(RecordOverrideRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = Changes.Context(http);
        var consentId = Guid.CreateVersion7();
        var events = RecordOverride.Decide(new(consentId, Changes.OrganizationOf(caller), Changes.Required(request.CaseId, "caseId"),
            Changes.Required(request.RecipientOrganizationId, "recipientOrganizationId"), Changes.Required(request.Purpose, "purpose"),
            request.Scope ?? [], Changes.Required(request.Ground, "ground"), request.LegalBasis,
            Changes.Required(request.ExpiresAt, "expiresAt").ToUniversalTime(), caller.ClientId, at), ConsentState.Initial);
        await CaseOrganizations.EnsureOwnAsync(http, request.CaseId!.Value);
        return await ConsentEndpoints.CreateAsync(http, store, consentId, events, caller, at);
    }
}
