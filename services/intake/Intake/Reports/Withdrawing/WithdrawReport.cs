namespace Intake.Reports.Withdrawing;

/// <summary>
/// The reporter's side withdraws the report: the anonymous reporter (with key and passphrase) or
/// the organization that submitted it. The endpoint parses <paramref name="Reason"/> with
/// <see cref="WireNames"/>. Withdrawal has no deadline: the reporter's wish is recorded
/// whenever it comes, and whether a case can stop (a minor at risk may oblige it to go on) is the case's decision.
/// </summary>
public sealed record WithdrawReport(Guid ReportId, WithdrawalReason Reason, string? Explanation, ReportActor By, DateTimeOffset At)
{
    public const int ExplanationMaxLength = 2_000;

    public static IReadOnlyList<object> Decide(WithdrawReport command, Report state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var explanation = string.IsNullOrWhiteSpace(command.Explanation) ? null : command.Explanation.Trim();
        if (explanation is { Length: > ExplanationMaxLength })
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, $"The explanation is limited to {ExplanationMaxLength} characters.");
        }
        if (explanation is not null && !FreeText.IsClean(explanation, multiline: true))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "The explanation holds control characters.");
        }
        if (state.Status == ReportStatus.None)
        {
            throw new ReportRuleViolationException(RuleViolationKind.NotFound, "No such report.");
        }
        if (!state.IsReportersSide(command.By))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Forbidden, "Only the reporter's side (the submitting organization or the anonymous reporter) can withdraw a report.");
        }
        if (state.Status == ReportStatus.Withdrawn)
        {
            throw new ReportRuleViolationException(RuleViolationKind.Conflict, "This report has already been withdrawn.");
        }

        return [new ReportWithdrawn(state.Id, state.ReceivingOrganizationId, command.Reason, explanation, state.ReporterId, command.By.Name, command.At)];
    }
}
