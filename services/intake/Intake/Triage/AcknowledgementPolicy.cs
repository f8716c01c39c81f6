namespace Intake.Triage;

/// <summary>
/// How long a receiving organization has to acknowledge a report, per priority. The default
/// follows the EU Whistleblower Directive (acknowledge within 7 days). Urgent reports are
/// announced to partners at once (from the submission's triage); 24 hours is the deadline for the formal acknowledgement,
/// short enough to be checked on the next working day, long enough to be met over a weekend shift.
/// </summary>
public sealed record AcknowledgementPolicy
{
    public static readonly AcknowledgementPolicy Default = new(TimeSpan.FromDays(7), TimeSpan.FromHours(24));

    public AcknowledgementPolicy(TimeSpan normal, TimeSpan urgent)
    {
        if (normal <= TimeSpan.Zero || urgent <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(normal), "Acknowledgement deadlines must be positive.");
        }
        if (urgent > normal)
        {
            throw new ArgumentOutOfRangeException(nameof(urgent), "An urgent report cannot have longer to be acknowledged than a normal one.");
        }
        Normal = normal;
        Urgent = urgent;
    }

    public TimeSpan Normal { get; }

    public TimeSpan Urgent { get; }
}
