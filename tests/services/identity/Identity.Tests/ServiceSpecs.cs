using Platform.Testing;

namespace Identity.Tests;

public sealed class ServiceSpecs(ServiceFactory<Program> service) : ServiceReadinessSpecs<Program>(service, "/api/identity");
