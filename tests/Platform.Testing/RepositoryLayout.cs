using System.Reflection;

namespace Platform.Testing;

/// <summary>Where the built services are, for tests that run each one as its own process.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built assembly of a deployable, e.g. <c>("services/cases/Cases", "Cases")</c>, in this test run's configuration.</summary>
    public static string BuiltAssembly(string projectDirectory, string assemblyName)
    {
        var configuration = Assembly.GetCallingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(Root, projectDirectory, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build Platform.sln in {configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
