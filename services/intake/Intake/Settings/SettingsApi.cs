using Intake.Triage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Intake.Settings;

/// <summary>Acknowledgement deadlines in whole hours, and whether anonymous reports are taken.</summary>
public sealed record IntakeSettingsDocument(int? AcknowledgeWithinHours, int? AcknowledgeUrgentWithinHours, bool? AcceptsAnonymousReports);

/// <summary>An organization reads and changes its own intake settings (<c>/api/intake/settings</c>).</summary>
public static class SettingsApi
{
    private const int MaxHours = 366 * 24;

    public static void MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/intake/settings").WithTags("Intake settings");
        settings.MapGet("", GetAsync).WithName("GetIntakeSettings").RequireCaller(Scopes.Intake);
        settings.MapPut("", PutAsync).WithName("PutIntakeSettings").RequireCaller(Scopes.Intake, Roles.Caseworker);
    }

    private static async Task<Ok<IntakeSettingsDocument>> GetAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToDocument(await IntakeSettings.ForAsync(dataSource, Guid.Parse(http.GetCaller().OrganizationId), cancellationToken)));

    private static async Task<Results<Ok<IntakeSettingsDocument>, ValidationProblem>> PutAsync(
        IntakeSettingsDocument document, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (document.AcknowledgeWithinHours is not (>= 1 and <= MaxHours))
        {
            errors["acknowledgeWithinHours"] = [$"Required: whole hours from 1 to {MaxHours}."];
        }
        if (document.AcknowledgeUrgentWithinHours is not (>= 1 and <= MaxHours))
        {
            errors["acknowledgeUrgentWithinHours"] = [$"Required: whole hours from 1 to {MaxHours}."];
        }
        else if (document.AcknowledgeWithinHours is { } normal && document.AcknowledgeUrgentWithinHours > normal)
        {
            errors["acknowledgeUrgentWithinHours"] = ["Cannot be longer than the deadline for normal reports."];
        }
        if (document.AcceptsAnonymousReports is null)
        {
            errors["acceptsAnonymousReports"] = ["Required: true or false."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = http.GetCaller();
        var settings = new IntakeSettings(
            new AcknowledgementPolicy(TimeSpan.FromHours(document.AcknowledgeWithinHours!.Value), TimeSpan.FromHours(document.AcknowledgeUrgentWithinHours!.Value)),
            document.AcceptsAnonymousReports!.Value);
        await settings.SaveAsync(dataSource, Guid.Parse(caller.OrganizationId), caller.ClientId, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(ToDocument(settings));
    }

    private static IntakeSettingsDocument ToDocument(IntakeSettings settings) => new(
        (int)settings.Acknowledgement.Normal.TotalHours, (int)settings.Acknowledgement.Urgent.TotalHours, settings.AcceptsAnonymousReports);
}
