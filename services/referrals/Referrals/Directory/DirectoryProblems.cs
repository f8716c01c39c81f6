using Microsoft.AspNetCore.Http.HttpResults;

namespace Referrals.Directory;

/// <summary>The RFC 9457 answers of the directory besides 400s.</summary>
public static class DirectoryProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible in the directory's current state.", detail: detail);

    /// <summary>400 when something is malformed, 422 when everything is well-formed but names what is not there; both list every field.</summary>
    public static ProblemHttpResult Invalid(FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.All)
        {
            Status = errors.OnlyUnprocessable ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest,
            Title = errors.OnlyUnprocessable ? "The request cannot be carried out." : "One or more fields are invalid.",
            Detail = "See errors: each field's path and what it needs.",
        });

    public static ProblemHttpResult PreconditionRequired(string resource) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required.",
            detail: $"Send the {resource}'s ETag from your last read or write as If-Match, so a change made meanwhile is not overwritten.");

    public static ProblemHttpResult PreconditionFailed(string resource) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The entry has changed.",
            detail: $"The {resource} was changed since the version If-Match names: read it again and reapply the change.");
}
