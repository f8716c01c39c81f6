using System.Text.Json;
using Intake.Contracts;
using Intake.Idempotency;
using Intake.Reports.Reading;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports.PostingMessages;

/// <summary>A message to post. <see cref="Author"/> is needed only when the caller is both sides (a partner's own report).</summary>
public sealed record PostMessageRequest(string? Text, string? Author);

/// <summary>Posting to a report's conversation, for the partner route and the anonymous one alike.</summary>
public static class PostingMessages
{
    public static async Task<IResult> PostAsync(
        Store store, HttpContext http, Guid reportId, PostMessageRequest request, ReportActor actor, EventMetadata metadata,
        MessageAuthor defaultAuthor, CancellationToken cancellationToken)
    {
        var author = defaultAuthor;
        if (request.Author is { } named && !WireNames.TryParse(named, out author))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["author"] = [$"One of {string.Join(", ", WireNames.All<MessageAuthor>())}."] });
        }
        if (request.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Required."] });
        }
        var (state, version) = await ReportCommands.LoadAsync(store, reportId, cancellationToken);
        var messageId = Guid.CreateVersion7();
        var events = PostMessage.Decide(new PostMessage(reportId, messageId, author, request.Text, actor, metadata.OccurredAt), state);
        var posted = (MessagePosted)events[0];
        return await ReportCommands.AppendAsync(store, http, reportId, ExpectedVersion.Exactly(version), events, metadata, appended =>
            new IdempotentResponse(StatusCodes.Status201Created, null, StreamETag.Of(appended.StreamVersion),
                JsonSerializer.Serialize(new MessageDocument(messageId, posted.Author, posted.Text, posted.PostedAt), JsonSerializerOptions.Web)),
            cancellationToken);
    }
}
