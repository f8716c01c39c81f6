using Platform.ServiceDefaults;

namespace Cases.Handling;

public static class CaseStreams
{
    private const string Prefix = "case-";

    public static string Id(Guid caseId) => Prefix + caseId.ToString("D");

    /// <summary>
    /// The case of a report, the same every time it is computed: a redelivered or duplicated
    /// report-submitted message names the same stream, so appending with "no stream yet" opens the
    /// case exactly once. A name-based UUID (RFC 9562 version 8, SHA-256 of a cases-only namespace
    /// and the report id), so a case id says nothing a report id would not, and never equals it.
    /// </summary>
    public static Guid CaseIdOfReport(Guid reportId) => NameBasedGuid.Of("platform.cases.case-of-report:" + reportId.ToString("D"));
}
