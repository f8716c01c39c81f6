namespace Intake.Reports;

public static class ReportStreams
{
    /// <summary>Each report is its own stream.</summary>
    public static string For(Guid reportId) => $"report-{reportId}";
}
