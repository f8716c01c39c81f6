using Platform.ServiceDefaults.Access;
using Referrals.Consents.Granting;
using Referrals.Consents.Overriding;
using Referrals.Consents.Revoking;

namespace Referrals.Consents;

/// <summary>
/// The route table of consents. Only the organization that recorded a consent (the referring
/// case's) reaches it: its case workers record and revoke, it and its assigned auditors read.
/// Recipients never see the consent itself, only the referral and its shared view.
/// </summary>
public static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsents(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("/api/referrals/consents").WithTags("consents");
        consents.MapPost("", GrantConsentEndpoint.HandleAsync).RequireCaller(Scopes.Referrals, Roles.Caseworker);
        consents.MapPost("/overrides", RecordOverrideEndpoint.HandleAsync).RequireCaller(Scopes.Referrals, Roles.Caseworker);
        consents.MapGet("/{consentId:guid}", ConsentEndpoints.GetAsync).RequireConsentAccess();
        consents.MapPost("/{consentId:guid}/revocation", RevokeConsentEndpoint.HandleAsync).RequireConsentAccess(Roles.Caseworker);
        return app;
    }
}
