using System;
using System.Linq;
using LineProf.Weaving;

// Usage: LineProf.Bench.Weave <assembly> <LineProf.Runtime.dll> [reference ...]
// The benchmark workloads are part of LineProf.sln, so they cannot use the packed LineProf package (the solution
// is built before it is packed); they get the same AssemblyWeaver the package's MSBuild task calls.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LineProf.Bench.Weave <assembly> <LineProf.Runtime.dll> [reference ...]");
    return 2;
}

var log = new ConsoleWeaveLog();
var request = new WeaveRequest(args[0], args[1]) { ReferencePaths = args.Skip(2).ToList() };
var result = new AssemblyWeaver(log).Weave(request);
return log.Failed || result.Outcome is not (WeaveOutcome.Woven or WeaveOutcome.AlreadyWoven) ? 1 : 0;

/// <summary>Weaver messages on the console, in the form MSBuild's Exec task recognises as warnings and errors.</summary>
internal sealed class ConsoleWeaveLog : IWeaveLog
{
    public bool Failed { get; private set; }

    public void Write(WeaveMessageLevel level, string code, string message, string? file = null, int line = 0)
    {
        var kind = level switch
        {
            WeaveMessageLevel.Error => "error",
            WeaveMessageLevel.Warning => "warning",
            _ => null,
        };
        if (level == WeaveMessageLevel.Error) Failed = true;
        Console.WriteLine(kind == null ? $"{code}: {message}" : $"{file ?? "LineProf.Bench.Weave"}: {kind} {code}: {message}");
    }
}
