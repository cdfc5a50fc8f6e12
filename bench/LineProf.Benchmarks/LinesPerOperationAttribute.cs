using System;

namespace LineProf.Benchmarks;

/// <summary>How many source lines one operation of the benchmarks in this class runs; read by <see cref="PerLineColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LinesPerOperationAttribute : Attribute
{
    public LinesPerOperationAttribute(int lines) => Lines = lines;

    public int Lines { get; }
}
