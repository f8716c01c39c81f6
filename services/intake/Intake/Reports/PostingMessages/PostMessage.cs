using Intake.Contracts;

namespace Intake.Reports.PostingMessages;

/// <summary>
/// A message in the report's conversation, from the reporter's side (the anonymous reporter, or
/// the submitting organization relaying its reporter) or from a handler of the receiving
/// organization. The endpoint says which side it speaks for (<paramref name="Author"/>), since an
/// organization that submits for itself is both; the caller mints <paramref name="MessageId"/>.
/// </summary>
public sealed record PostMessage(Guid ReportId, Guid MessageId, MessageAuthor Author, string Text, ReportActor By, DateTimeOffset At)
{
    /// <summary>Long enough for a careful account, short enough that a stolen key cannot flood a stream.</summary>
    public const int TextMaxLength = 5_000;

    public static IReadOnlyList<object> Decide(PostMessage command, Report state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var text = command.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "A message cannot be empty.");
        }
        if (text.Length > TextMaxLength)
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, $"A message is limited to {TextMaxLength} characters.");
        }
        if (!FreeText.IsClean(text, multiline: true))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "A message cannot hold control characters other than line breaks and tabs.");
        }
        if (state.Status == ReportStatus.None)
        {
            throw new ReportRuleViolationException(RuleViolationKind.NotFound, "No such report.");
        }
        var allowed = command.Author switch
        {
            MessageAuthor.Reporter => state.IsReportersSide(command.By),
            MessageAuthor.Handler => state.IsHandler(command.By),
            _ => false,
        };
        if (!allowed)
        {
            throw new ReportRuleViolationException(RuleViolationKind.Forbidden, command.Author == MessageAuthor.Handler
                ? "Only the receiving organization's handlers write as handler."
                : "Only the anonymous reporter or the submitting organization writes as reporter.");
        }
        if (state.Status == ReportStatus.Withdrawn)
        {
            throw new ReportRuleViolationException(RuleViolationKind.Conflict, "This report was withdrawn: its conversation is closed.");
        }

        return [new MessagePosted(state.Id, state.ReceivingOrganizationId, command.MessageId, command.Author, text, state.ReporterId, command.By.Name, command.At)];
    }
}
