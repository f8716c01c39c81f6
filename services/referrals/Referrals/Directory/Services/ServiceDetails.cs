using System.Globalization;

namespace Referrals.Directory.Services;

public sealed record OpeningHoursRequest(IReadOnlyList<string?>? Days, string? Opens, string? Closes);

public sealed record ServiceRequest(
    string? Name, string? Description, IReadOnlyList<string?>? TaxonomyCodes, IReadOnlyList<string?>? Languages,
    string? Accessibility, string? Eligibility, int? MinimumAge, int? MaximumAge, string? Fees, string? ApplicationProcess,
    string? Email, string? Url, IReadOnlyList<OpeningHoursRequest?>? Hours, string? HoursNote, string? Status,
    IReadOnlyList<Guid>? LocationIds);

/// <summary>Weekly opening hours: the days (RFC 5545 two-letter codes, as HSDS's byday) and local opening and closing times (HH:mm).</summary>
public sealed record OpeningHours(IReadOnlyList<string> Days, string Opens, string Closes);

/// <summary>
/// What an organization offers (HSDS service): at least one term of the <see cref="Taxonomy"/>, the
/// languages it is given in, who it is for, what it costs, when it is open. An inactive service stays
/// readable but is not found by search, and referrals to it are refused.
/// </summary>
public sealed record ServiceDetails(
    string Name, string? Description, IReadOnlyList<string> TaxonomyCodes, IReadOnlyList<string> Languages,
    string? Accessibility, string? Eligibility, int? MinimumAge, int? MaximumAge, string? Fees, string? ApplicationProcess,
    string? Email, string? Url, IReadOnlyList<OpeningHours> Hours, string? HoursNote, string Status)
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const int MaxLocations = 50;
    public const int MaxHours = 14;

    public static readonly IReadOnlyList<string> Statuses = [Active, Inactive];
    public static readonly IReadOnlyList<string> Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>The details and location ids of a valid request; the caller checks the ids name its own locations.</summary>
    public static (ServiceDetails Details, IReadOnlyList<Guid> LocationIds)? From(ServiceRequest request, FieldErrors errors)
    {
        var name = errors.Text("name", request.Name, 200, required: true);
        var description = errors.Text("description", request.Description, 4000, multiline: true);
        var taxonomy = TaxonomyCodesFrom(request.TaxonomyCodes, errors);
        var languages = errors.Languages("languages", request.Languages, required: true);
        var accessibility = errors.Text("accessibility", request.Accessibility, 2000, multiline: true);
        var eligibility = errors.Text("eligibility", request.Eligibility, 2000, multiline: true);
        if (request.MinimumAge is not (null or (>= 0 and <= 130)))
        {
            errors.Add("minimumAge", "Whole years from 0 to 130.");
        }
        if (request.MaximumAge is not (null or (>= 0 and <= 130)))
        {
            errors.Add("maximumAge", "Whole years from 0 to 130.");
        }
        else if (request.MinimumAge is { } minimum && request.MaximumAge < minimum)
        {
            errors.Add("maximumAge", "Cannot be below minimumAge.");
        }
        var fees = errors.Text("fees", request.Fees, 1000, multiline: true);
        var applicationProcess = errors.Text("applicationProcess", request.ApplicationProcess, 2000, multiline: true);
        var email = errors.Email("email", request.Email);
        var url = errors.Url("url", request.Url);
        var hours = HoursFrom(request.Hours, errors);
        var hoursNote = errors.Text("hoursNote", request.HoursNote, 500, multiline: true);
        var status = request.Status ?? Active;
        if (!Statuses.Contains(status))
        {
            errors.Add("status", $"One of {string.Join(", ", Statuses)} (active when left out).");
        }
        var locationIds = request.LocationIds ?? [];
        if (locationIds.Count > MaxLocations)
        {
            errors.Add("locationIds", $"At most {MaxLocations} locations.");
        }
        else if (locationIds.Distinct().Count() < locationIds.Count)
        {
            errors.Add("locationIds", "Name each location once.");
        }
        if (errors.Any)
        {
            return null;
        }
        return (new ServiceDetails(name!, description, taxonomy, languages, accessibility, eligibility, request.MinimumAge, request.MaximumAge,
            fees, applicationProcess, email, url, hours, hoursNote, status), locationIds);
    }

    private static List<string> TaxonomyCodesFrom(IReadOnlyList<string?>? codes, FieldErrors errors)
    {
        if (codes is not { Count: > 0 } || codes.Count > Taxonomy.Terms.Count)
        {
            errors.Add("taxonomyCodes", $"One to {Taxonomy.Terms.Count} of: {string.Join(", ", Taxonomy.Codes)}.");
            return [];
        }
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is null || Taxonomy.Find(codes[i]!) is null)
            {
                errors.AddUnprocessable($"taxonomyCodes[{i}]", $"Not a term of the directory's taxonomy: use one of {string.Join(", ", Taxonomy.Codes)}.");
            }
        }
        return [.. codes.OfType<string>().Distinct()];
    }

    private static List<OpeningHours> HoursFrom(IReadOnlyList<OpeningHoursRequest?>? hours, FieldErrors errors)
    {
        if (hours is null)
        {
            return [];
        }
        if (hours.Count > MaxHours)
        {
            errors.Add("hours", $"At most {MaxHours} entries.");
            return [];
        }
        var valid = new List<OpeningHours>();
        for (var i = 0; i < hours.Count; i++)
        {
            var path = $"hours[{i}]";
            var entry = hours[i];
            var days = entry?.Days?.Select(day => day?.Trim().ToUpperInvariant()).ToList();
            if (days is not { Count: > 0 } || days.Any(day => day is null || !Days.Contains(day)) || days.Distinct().Count() < days.Count)
            {
                errors.Add($"{path}.days", $"Each day once, from: {string.Join(", ", Days)}.");
            }
            var opens = Time(errors, $"{path}.opens", entry?.Opens);
            var closes = Time(errors, $"{path}.closes", entry?.Closes);
            if (opens is { } from && closes is { } to && to <= from)
            {
                errors.Add($"{path}.closes", "Must be after opens (for hours past midnight, add the next day's hours as their own entry).");
            }
            if (!errors.Any)
            {
                valid.Add(new OpeningHours([.. Days.Where(days!.Contains)], entry!.Opens!, entry.Closes!));
            }
        }
        return valid;
    }

    private static TimeOnly? Time(FieldErrors errors, string path, string? value)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors.Add(path, "Required: a local time as HH:mm, such as 09:00.");
        return null;
    }
}
