using Microsoft.AspNetCore.Http.HttpResults;

namespace Notifications.Endpoints;

/// <summary>The RFC 9457 answers the notifications API gives besides validation (400).</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    /// <summary>422: well-formed, but naming something a webhook may not reach. <paramref name="field"/> is named as in a 400.</summary>
    public static ProblemHttpResult Unprocessable(string field, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request cannot be carried out.",
            Detail = detail,
        });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);
}
