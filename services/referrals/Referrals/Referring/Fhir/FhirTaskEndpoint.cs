using Npgsql;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults.Access;
using Referrals.Referring.Reading;

namespace Referrals.Referring.Fhir;

/// <summary>The referral as a FHIR Task, read-only, for whoever may read the referral (and recorded like any read of it).</summary>
public static class FhirTaskEndpoint
{
    public static async Task<IResult> GetAsync(Guid referralId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        await Changes.RecordReadAsync(http, ReferralStreams.Id(referralId), "referrals: the referral as a FHIR Task");
        var row = await ReferralRow.FindAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), referralId, http.RequestAborted);
        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such referral.");
        }
        http.Response.Headers.ETag = StreamETag.Of(row.Version);
        var viewer = Changes.OrganizationOf(http.GetCaller());
        return TypedResults.Text(FhirTask.Of(row, row.SeenByRecipient(viewer)).ToJsonString(), FhirTask.MediaType);
    }
}
