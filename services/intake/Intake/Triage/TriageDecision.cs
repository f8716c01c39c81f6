using Intake.Contracts;

namespace Intake.Triage;

/// <summary>A priority, the rules behind it (none for normal), and the acknowledgement deadline it sets.</summary>
public sealed record TriageDecision(ReportPriority Priority, IReadOnlyList<TriageRule> RulesFired, DateTimeOffset AcknowledgeBy);
