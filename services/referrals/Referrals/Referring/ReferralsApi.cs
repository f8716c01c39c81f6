using Platform.ServiceDefaults.Access;
using Referrals.Referring.Cancelling;
using Referrals.Referring.Fhir;
using Referrals.Referring.Progressing;
using Referrals.Referring.Reading;
using Referrals.Referring.Requesting;
using Referrals.Referring.Rerouting;
using Referrals.Referring.Responding;

namespace Referrals.Referring;

/// <summary>
/// The route table of the referral stream. Who may call what:
/// - a referral belongs to the referring organization; its recipient reaches it too while the
///   consent lasts (<see cref="RecipientGrants"/>); any other organization gets 404;
/// - the referrer's case workers request, cancel and re-route; the recipient's accept, reject,
///   start (or resume), hold, complete and fail; each side's steps refused to the other (409);
/// - reading (the referral with its shared data, or as a FHIR Task): both parties, and auditors
///   assigned to the referrer; every read is recorded in the read-access log.
/// </summary>
public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/referrals").WithTags("referrals");

        referrals.MapPost("", RequestReferralEndpoint.HandleAsync).RequireCaller(Scopes.Referrals, Roles.Caseworker);
        referrals.MapGet("/list", ReferralEndpoints.ListAsync).RequireCaller(Scopes.Referrals, Roles.Caseworker);
        referrals.MapGet("/{referralId:guid}", ReferralEndpoints.GetAsync).RequireReferralAccess();
        referrals.MapGet("/fhir/Task/{referralId:guid}", FhirTaskEndpoint.GetAsync).RequireReferralAccess();

        referrals.MapPost("/{referralId:guid}/acceptance", RespondingEndpoints.AcceptAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/rejection", RespondingEndpoints.RejectAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/start", ProgressingEndpoints.StartAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/hold", ProgressingEndpoints.HoldAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/completion", ProgressingEndpoints.CompleteAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/failure", ProgressingEndpoints.FailAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/cancellation", CancelEndpoint.HandleAsync).RequireReferralAccess(Roles.Caseworker);
        referrals.MapPost("/{referralId:guid}/reroute", RerouteEndpoint.HandleAsync).RequireReferralAccess(Roles.Caseworker);
        return app;
    }
}
