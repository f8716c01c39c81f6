using Platform.Testing;

namespace Cases.Tests;

public sealed class ServiceSpecs(ServiceFactory<Program> service) : ServiceReadinessSpecs<Program>(service, "/api/cases");
