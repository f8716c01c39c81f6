using Platform.Testing;

namespace Intake.Tests;

public sealed class ServiceSpecs(ServiceFactory<Program> service) : ServiceReadinessSpecs<Program>(service, "/api/intake");
