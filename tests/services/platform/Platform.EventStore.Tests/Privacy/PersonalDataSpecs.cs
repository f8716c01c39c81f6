using Platform.EventStore.Privacy;

namespace Platform.EventStore.Tests.Privacy;

public sealed class PersonalDataSpecs
{
    [Fact]
    public void Only_the_erased_marker_reads_as_erased()
    {
        PersonalData.IsErased(PersonalData.ErasedMarker).ShouldBeTrue();
        PersonalData.IsErased("Jordan").ShouldBeFalse();
        PersonalData.IsErased(null).ShouldBeFalse();
    }
}
