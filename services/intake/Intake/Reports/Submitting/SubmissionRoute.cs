namespace Intake.Reports.Submitting;

/// <summary>How a report came in, which decides what it may and must contain.</summary>
public enum SubmissionRoute
{
    /// <summary>A partner organization's system, authenticated (<c>POST /api/intake/reports</c>).</summary>
    Partner,

    /// <summary>A reporter on their own, unauthenticated (<c>POST /api/intake/anonymous-reports</c>): anonymous reports only.</summary>
    AnonymousPublic,
}
