using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Referrals.Directory;

/// <summary>
/// Collects what is wrong with a request, by JSON path (<c>address.city</c>, <c>locationIds[2]</c>),
/// for RFC 9457's <c>errors</c>. Malformed fields make a 400; well-formed ones naming what is not
/// there (an unknown taxonomy code, a location that is not the caller's) a 422. Messages never quote
/// the value sent.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> malformed = [];
    private readonly Dictionary<string, List<string>> unprocessable = [];

    public bool Any => malformed.Count > 0 || unprocessable.Count > 0;

    /// <summary>What <paramref name="from"/> makes of a request, or null and the problem listing every error.</summary>
    public static T? Validate<TRequest, T>(TRequest request, Func<TRequest, FieldErrors, T?> from, out ProblemHttpResult? invalid)
        where T : class
    {
        var errors = new FieldErrors();
        var valid = from(request, errors);
        invalid = valid is null ? DirectoryProblems.Invalid(errors) : null;
        return valid;
    }

    /// <summary>True when every error is of the 422 kind: the request was well-formed.</summary>
    public bool OnlyUnprocessable => malformed.Count == 0 && unprocessable.Count > 0;

    public IReadOnlyDictionary<string, string[]> All =>
        malformed.Concat(unprocessable).GroupBy(entry => entry.Key)
            .ToDictionary(group => group.Key, group => group.SelectMany(entry => entry.Value).ToArray());

    public void Add(string path, string message) => Append(malformed, path, message);

    public void AddUnprocessable(string path, string message) => Append(unprocessable, path, message);

    private static void Append(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Trimmed text, null when absent or blank; an error when too long or holding control characters.</summary>
    public string? Text(string path, string? value, int maxLength, bool required = false, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(path, $"Required: 1 to {maxLength} characters.");
            }
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            Add(path, $"At most {maxLength} characters.");
        }
        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            Add(path, multiline ? "Control characters other than line breaks and tabs are not allowed." : "Control characters are not allowed.");
        }
        return trimmed;
    }

    public string? Email(string path, string? value)
    {
        var text = Text(path, value, 254);
        if (text is not null && (!MailAddress.TryCreate(text, out var address) || address.Address != text))
        {
            Add(path, "An email address such as intake@example.org.");
        }
        return text;
    }

    public string? Url(string path, string? value)
    {
        var text = Text(path, value, 2000);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            Add(path, "An absolute http or https URL.");
        }
        return text;
    }

    /// <summary>Canonical BCP 47 tags, without repeats; <paramref name="required"/> asks for at least one.</summary>
    public IReadOnlyList<string> Languages(string path, IReadOnlyList<string?>? tags, bool required)
    {
        if (tags is not { Count: > 0 })
        {
            if (required)
            {
                Add(path, "Name at least one language, as a BCP 47 tag such as en or es-MX.");
            }
            return [];
        }
        if (tags.Count > LanguageTags.MaxPerEntry)
        {
            Add(path, $"At most {LanguageTags.MaxPerEntry} languages.");
            return [];
        }
        var canonical = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            if (LanguageTags.Canonical(tags[i]) is { } tag)
            {
                canonical.Add(tag);
            }
            else
            {
                Add($"{path}[{i}]", "A BCP 47 language tag such as en, es-MX or zh-Hant.");
            }
        }
        return [.. canonical.Distinct()];
    }
}
