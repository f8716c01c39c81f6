using System.Text.RegularExpressions;
using Intake.Contracts;

namespace Intake.Reports.Submitting;

/// <summary>
/// Either a valid submission or every error in it, keyed by the JSON path of the field
/// (<c>people[1].contact.email</c>), ready for RFC 9457's <c>errors</c> extension. Messages never
/// quote what was submitted: it may be personal, and errors get logged.
/// </summary>
public sealed record ValidatedSubmission(ReportSubmission? Submission, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Submission is not null;
}

/// <summary>
/// Checks a submission and builds <see cref="ReportSubmission"/> from it. Only what a report cannot
/// do without is required (kind, setting, mode, narrative, who reported and who was affected): a
/// reporter who does not know the date or the place must still be able to report. Absent answers
/// to yes/no questions read as no (no danger declared, no consent given).
/// </summary>
public static partial class SubmissionValidation
{
    public static ValidatedSubmission Validate(SubmitReportRequest request, SubmissionRoute route, DateTimeOffset now, Func<Guid> newPersonId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(newPersonId);
        var errors = new Errors();

        var kind = Vocabulary<ReportKind>(errors, "kind", request.Kind, required: true);
        var setting = Vocabulary<ReportSetting>(errors, "setting", request.Setting, required: true);
        var mode = route == SubmissionRoute.AnonymousPublic ? AnonymousRouteMode(errors, request.Mode)
            : Vocabulary<ReportMode>(errors, "mode", request.Mode, required: true);
        var when = Period(errors, request.When, DateOnly.FromDateTime(now.UtcDateTime).AddDays(SubmissionLimits.FutureToleranceDays));
        var where = Text(errors, "where", request.Where, SubmissionLimits.WhereMaxLength, multiline: true);
        var narrative = Text(errors, "narrative", request.Narrative, SubmissionLimits.NarrativeMaxLength, multiline: true);
        if (narrative is null && !errors.Has("narrative"))
        {
            errors.Add("narrative", "Tell what happened.");
        }
        var people = People(errors, request.People, mode, newPersonId);
        var language = LanguageTag(errors, request.PreferredLanguage);
        var attachments = Attachments(errors, request.Attachments);
        if ((route == SubmissionRoute.AnonymousPublic && request.ReceivingOrganizationId is null) || request.ReceivingOrganizationId == Guid.Empty)
        {
            errors.Add("receivingOrganizationId", "Choose the organization the report is for.");
        }

        if (errors.Any)
        {
            return new(null, errors.ToDictionary());
        }
        return new(
            new ReportSubmission(
                kind!.Value, setting!.Value, mode!.Value, when, where, narrative!, people!,
                request.ImmediateDanger ?? false,
                new Consent(request.Consent?.ToBeContacted ?? false, request.Consent?.ToShareWithSupportServices ?? false),
                language, attachments!, request.ReceivingOrganizationId),
            new Dictionary<string, string[]>());
    }

    private static ReportMode? AnonymousRouteMode(Errors errors, string? mode)
    {
        if (mode is null || (WireNames.TryParse<ReportMode>(mode, out var parsed) && parsed == ReportMode.Anonymous))
        {
            return ReportMode.Anonymous;
        }
        errors.Add("mode", "Reports on the anonymous route are anonymous: leave the mode out or send 'anonymous'.");
        return null;
    }

    private static TEnum? Vocabulary<TEnum>(Errors errors, string path, string? value, bool required) where TEnum : struct, Enum
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(path, $"Required: one of {string.Join(", ", WireNames.All<TEnum>())}.");
            }
            return null;
        }
        if (WireNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }
        errors.Add(path, $"Not a known value: use one of {string.Join(", ", WireNames.All<TEnum>())}.");
        return null;
    }

    /// <summary>The trimmed text, null when absent or blank; an error when too long or holding control characters.</summary>
    private static string? Text(Errors errors, string path, string? value, int maxLength, bool multiline)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            errors.Add(path, $"At most {maxLength} characters.");
        }
        if (!FreeText.IsClean(trimmed, multiline))
        {
            errors.Add(path, multiline ? "Control characters other than line breaks and tabs are not allowed." : "Control characters are not allowed.");
        }
        return trimmed;
    }

    private static IncidentPeriod? Period(Errors errors, IncidentPeriodRequest? when, DateOnly latest)
    {
        if (when is null)
        {
            return null;
        }
        if (when.From is not { } from)
        {
            errors.Add("when.from", "Required when 'when' is given: the day it happened, or began (approximate if unsure).");
            return null;
        }
        var valid = Day(errors, "when.from", from, latest);
        if (when.To is { } to)
        {
            valid &= Day(errors, "when.to", to, latest);
            if (to < from)
            {
                errors.Add("when.to", "Cannot be before 'when.from'.");
                valid = false;
            }
        }
        return valid ? new IncidentPeriod(from, when.To, when.Approximate ?? false) : null;
    }

    private static bool Day(Errors errors, string path, DateOnly day, DateOnly latest)
    {
        if (day < SubmissionLimits.EarliestIncidentDate)
        {
            errors.Add(path, $"Cannot be before {SubmissionLimits.EarliestIncidentDate:yyyy-MM-dd}.");
            return false;
        }
        if (day > latest)
        {
            errors.Add(path, "Cannot be in the future.");
            return false;
        }
        return true;
    }

    private static List<PersonInvolved>? People(Errors errors, IReadOnlyList<PersonRequest?>? people, ReportMode? mode, Func<Guid> newPersonId)
    {
        if (people is null || people.Count == 0)
        {
            errors.Add("people", "Name at least the reporter and the affected person (they may be the same person, and may be left nameless).");
            return null;
        }
        if (people.Count > SubmissionLimits.MaxPeople)
        {
            errors.Add("people", $"At most {SubmissionLimits.MaxPeople} people.");
            return null;
        }

        var valid = new List<PersonInvolved>();
        for (var i = 0; i < people.Count; i++)
        {
            if (Person(errors, $"people[{i}]", people[i], newPersonId) is { } person)
            {
                valid.Add(person);
            }
        }
        if (valid.Count < people.Count)
        {
            return null;
        }

        var reporters = valid.Count(person => person.Roles.Contains(PersonRole.Reporter));
        if (reporters != 1)
        {
            errors.Add("people", "Exactly one person has the role 'reporter' (nameless when anonymous).");
        }
        if (!valid.Any(person => person.Roles.Contains(PersonRole.AffectedPerson)))
        {
            errors.Add("people", "At least one person has the role 'affected-person' (nameless if unknown).");
        }
        if (reporters == 1 && mode is { } known)
        {
            ReporterIdentity(errors, valid, known);
        }
        return errors.HasUnder("people") ? null : valid;
    }

    private static PersonInvolved? Person(Errors errors, string path, PersonRequest? person, Func<Guid> newPersonId)
    {
        if (person is null)
        {
            errors.Add(path, "Cannot be null.");
            return null;
        }
        var before = errors.Count;

        var roles = new List<PersonRole>();
        if (person.Roles is null || person.Roles.Count == 0)
        {
            errors.Add($"{path}.roles", $"At least one of {string.Join(", ", WireNames.All<PersonRole>())}.");
        }
        else
        {
            for (var r = 0; r < person.Roles.Count; r++)
            {
                if (Vocabulary<PersonRole>(errors, $"{path}.roles[{r}]", person.Roles[r], required: true) is { } role)
                {
                    if (roles.Contains(role))
                    {
                        errors.Add($"{path}.roles[{r}]", "Given twice.");
                    }
                    roles.Add(role);
                }
            }
            if (roles.Contains(PersonRole.AllegedPerpetrator) && roles.Distinct().Count() > 1)
            {
                errors.Add($"{path}.roles", "An alleged perpetrator holds no other role in the same report.");
            }
        }

        var name = Text(errors, $"{path}.name", person.Name, SubmissionLimits.NameMaxLength, multiline: false);
        var reference = Text(errors, $"{path}.reference", person.Reference, SubmissionLimits.ReferenceMaxLength, multiline: false);
        var contact = Contact(errors, $"{path}.contact", person.Contact);
        var ageBand = Vocabulary<AgeBand>(errors, $"{path}.ageBand", person.AgeBand, required: false);
        var minorByAge = ageBand is AgeBand.Under13 or AgeBand.From13To17;
        if (ageBand is not null && person.IsMinor is { } isMinor && isMinor != minorByAge)
        {
            errors.Add($"{path}.isMinor", "Contradicts the age band.");
        }

        return errors.Count > before ? null : new PersonInvolved(newPersonId(), roles, name, reference, contact, person.IsMinor, ageBand);
    }

    private static ContactDetails? Contact(Errors errors, string path, ContactRequest? contact)
    {
        if (contact is null)
        {
            return null;
        }
        var email = Text(errors, $"{path}.email", contact.Email, SubmissionLimits.EmailMaxLength, multiline: false);
        if (email is not null && !EmailShape().IsMatch(email))
        {
            errors.Add($"{path}.email", "Not an email address.");
        }
        var phone = Text(errors, $"{path}.phone", contact.Phone, SubmissionLimits.PhoneMaxLength, multiline: false);
        if (phone is not null && !PhoneShape().IsMatch(phone))
        {
            errors.Add($"{path}.phone", "Digits, spaces and + ( ) - . only, with at least 3 digits.");
        }
        var notes = Text(errors, $"{path}.notes", contact.Notes, SubmissionLimits.ContactNotesMaxLength, multiline: true);
        return email is null && phone is null && notes is null ? null : new ContactDetails(email, phone, notes);
    }

    /// <summary>An anonymous reporter gives nothing that names or reaches them; an identified or confidential one gives a name.</summary>
    private static void ReporterIdentity(Errors errors, List<PersonInvolved> people, ReportMode mode)
    {
        var at = people.FindIndex(person => person.Roles.Contains(PersonRole.Reporter));
        var reporter = people[at];
        if (mode == ReportMode.Anonymous)
        {
            if (reporter.Name is not null)
            {
                errors.Add($"people[{at}].name", "An anonymous reporter is not named: leave the name out, or choose the confidential mode.");
            }
            if (reporter.Reference is not null)
            {
                errors.Add($"people[{at}].reference", "An anonymous reporter is not identified, not even by a reference.");
            }
            if (reporter.Contact is not null)
            {
                errors.Add($"people[{at}].contact", "An anonymous reporter leaves no contact details: follow-up goes through the report key.");
            }
        }
        else if (reporter.Name is null)
        {
            errors.Add($"people[{at}].name", "Required for the reporter of an identified or confidential report.");
        }
    }

    private static string? LanguageTag(Errors errors, string? tag)
    {
        var trimmed = Text(errors, "preferredLanguage", tag, SubmissionLimits.LanguageTagMaxLength, multiline: false);
        if (trimmed is not null && !LanguageTagShape().IsMatch(trimmed))
        {
            errors.Add("preferredLanguage", "Not a BCP 47 language tag such as 'en', 'es-419' or 'fr-CA'.");
            return null;
        }
        return trimmed;
    }

    private static List<AttachmentReference>? Attachments(Errors errors, IReadOnlyList<AttachmentRequest?>? attachments)
    {
        if (attachments is null)
        {
            return [];
        }
        if (attachments.Count > SubmissionLimits.MaxAttachments)
        {
            errors.Add("attachments", $"At most {SubmissionLimits.MaxAttachments} attachments.");
            return null;
        }
        var valid = new List<AttachmentReference>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var path = $"attachments[{i}]";
            if (attachments[i] is not { } attachment)
            {
                errors.Add(path, "Cannot be null.");
                continue;
            }
            var ok = true;
            if (attachment.Sha256 is not { } hash || !Sha256Shape().IsMatch(hash))
            {
                errors.Add($"{path}.sha256", "Required: the SHA-256 of the file's content, 64 hexadecimal digits.");
                ok = false;
            }
            if (attachment.MediaType is not { } mediaType || mediaType.Length > SubmissionLimits.MediaTypeMaxLength || !MediaTypeShape().IsMatch(mediaType))
            {
                errors.Add($"{path}.mediaType", "Required: a media type such as 'image/jpeg'.");
                ok = false;
            }
            if (attachment.SizeBytes is not (> 0 and <= SubmissionLimits.MaxAttachmentBytes))
            {
                errors.Add($"{path}.sizeBytes", $"Required: the file's size in bytes, from 1 to {SubmissionLimits.MaxAttachmentBytes}.");
                ok = false;
            }
            if (ok)
            {
                valid.Add(new AttachmentReference(
                    attachment.Sha256!.ToLowerInvariant(), attachment.MediaType!.ToLowerInvariant(), attachment.SizeBytes!.Value));
            }
        }
        return valid.Count == attachments.Count ? valid : null;
    }

    // Deliberately loose: one @, something on each side, a dot in the domain. Whether it delivers is not ours to know.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(?=(?:\D*\d){3})[0-9+()\-. ]+$")]
    private static partial Regex PhoneShape();

    // RFC 5646's common shape: language, then optional script, region and variants. No extensions or private use.
    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")]
    private static partial Regex LanguageTagShape();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Shape();

    // RFC 6838 restricted names: type "/" subtype, no parameters.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")]
    private static partial Regex MediaTypeShape();

    /// <summary>Messages per field path, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byPath = new(StringComparer.Ordinal);

        public bool Any => byPath.Count > 0;

        public int Count => byPath.Values.Sum(messages => messages.Count);

        public void Add(string path, string message)
        {
            if (!byPath.TryGetValue(path, out var messages))
            {
                byPath[path] = messages = [];
            }
            messages.Add(message);
        }

        public bool Has(string path) => byPath.ContainsKey(path);

        public bool HasUnder(string path) => byPath.Keys.Any(key => key == path || key.StartsWith(path + "[", StringComparison.Ordinal) || key.StartsWith(path + ".", StringComparison.Ordinal));

        public Dictionary<string, string[]> ToDictionary() => byPath.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }
}
