using System.Security.Cryptography;
using System.Text;

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
    public static Guid CaseIdOfReport(Guid reportId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes("platform.cases.case-of-report:" + reportId.ToString("D")), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
