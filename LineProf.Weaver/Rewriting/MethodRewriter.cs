using System.Collections.Generic;
using System.Linq;
using LineProf.Weaving.Planning;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Rewrites one method's IL from its plan:
    /// <list type="bullet">
    /// <item>Enter (or Resume, in a state machine) first;</item>
    /// <item>a stack-neutral Hit before each sequence point's first instruction, with every branch, switch arm and
    /// exception-handler boundary that targeted that instruction moved to the probe, so arriving by any path counts;</item>
    /// <item>Exit in a finally around the whole body where every return is an exit; in async code, Complete
    /// before the builder's SetResult/SetException, Suspend before its AwaitOnCompleted and Leave before each
    /// return from MoveNext.</item>
    /// </list>
    /// Original instructions are kept as objects, so sequence points, scopes and async stepping info still name them
    /// and the PDB keeps mapping every original instruction to its original line.
    /// </summary>
    internal sealed class MethodRewriter
    {
        private readonly ProbeCalls _calls;
        private readonly LineMapFields _lineMap;

        public MethodRewriter(ProbeCalls calls, LineMapFields lineMap)
        {
            _calls = calls;
            _lineMap = lineMap;
        }

        public void Rewrite(MethodPlan plan)
        {
            var method = plan.Method;
            var body = method.Body;
            body.SimplifyMacros(); // long forms only: inserted code must never leave a short branch out of reach

            var frame = plan.FrameInStateMachine
                ? FrameAccess.InStateMachine(method, _calls.Frame)
                : FrameAccess.InLocal(body, _calls.Frame);

            var siteLines = plan.Sites.ToDictionary(s => s.Instruction, s => s.LineId);
            var completions = new HashSet<Instruction>(plan.Completions);
            var suspensions = new HashSet<Instruction>(plan.Suspensions);
            var probeStarts = new Dictionary<Instruction, Instruction>();
            var code = new List<Instruction>(body.Instructions.Count + plan.Sites.Count * 6 + 16);

            foreach (var instruction in body.Instructions)
            {
                if (siteLines.TryGetValue(instruction, out int line))
                {
                    var hit = Hit(frame, line);
                    probeStarts.Add(instruction, hit[0]);
                    code.AddRange(hit);
                }

                // Stack-neutral: the completing call's arguments are already pushed, and a ret's value stays put.
                if (completions.Contains(instruction))
                {
                    code.AddRange(Call(frame, _calls.Complete));
                }
                else if (suspensions.Contains(instruction))
                {
                    code.AddRange(Call(frame, _calls.Suspend));
                }
                else if (instruction.OpCode.Code == Code.Ret && !plan.ExitsAtEveryReturn)
                {
                    var leave = Call(frame, _calls.Leave);
                    if (!probeStarts.ContainsKey(instruction)) probeStarts.Add(instruction, leave[0]); // every path to ret passes it
                    code.AddRange(leave);
                }

                code.Add(instruction);
            }

            Retarget(code, body.ExceptionHandlers, probeStarts);

            var enter = Enter(frame, plan.MethodLineId, plan.FrameInStateMachine);
            code.InsertRange(0, enter);
            if (plan.ExitsAtEveryReturn) WrapInExitFinally(method, code, enter.Count, frame);

            Replace(body, code);
            body.OptimizeMacros();
        }

        private List<Instruction> Hit(FrameAccess frame, int line)
        {
            var code = frame.PushAddress().ToList();
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.Base));
            code.Add(Instruction.Create(OpCodes.Ldc_I4, line));
            code.Add(Instruction.Create(OpCodes.Add));
            code.Add(Instruction.Create(OpCodes.Call, _calls.Hit));
            return code;
        }

        private List<Instruction> Enter(FrameAccess frame, int methodLine, bool resume)
        {
            var code = frame.PushAddress().ToList();
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.Base));
            code.Add(Instruction.Create(OpCodes.Ldc_I4, methodLine));
            code.Add(Instruction.Create(OpCodes.Add));
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.End));
            code.Add(Instruction.Create(OpCodes.Call, resume ? _calls.Resume : _calls.Enter));
            return code;
        }

        private static List<Instruction> Call(FrameAccess frame, MethodReference probe)
        {
            var code = frame.PushAddress().ToList();
            code.Add(Instruction.Create(OpCodes.Call, probe));
            return code;
        }

        /// <summary>Everything that jumped to an instruction that now has a probe in front of it jumps to the probe.</summary>
        private static void Retarget(List<Instruction> code, IEnumerable<ExceptionHandler> handlers, Dictionary<Instruction, Instruction> probeStarts)
        {
            if (probeStarts.Count == 0) return;
            Instruction? Moved(Instruction? target) => target != null && probeStarts.TryGetValue(target, out var probe) ? probe : target;

            foreach (var instruction in code)
            {
                switch (instruction.Operand)
                {
                    case Instruction target:
                        instruction.Operand = Moved(target);
                        break;
                    case Instruction[] targets:
                        for (int i = 0; i < targets.Length; i++) targets[i] = Moved(targets[i])!;
                        break;
                }
            }

            foreach (var handler in handlers)
            {
                handler.TryStart = Moved(handler.TryStart);
                handler.TryEnd = Moved(handler.TryEnd);
                handler.HandlerStart = Moved(handler.HandlerStart);
                handler.HandlerEnd = Moved(handler.HandlerEnd);
                handler.FilterStart = Moved(handler.FilterStart);
            }
        }

        /// <summary>
        /// Puts everything after Enter in a try whose finally calls Exit, so the frame closes on every return and
        /// every exception. Returns become a store of the result and a leave to a single return after the handler.
        /// </summary>
        private void WrapInExitFinally(MethodDefinition method, List<Instruction> code, int bodyStart, FrameAccess frame)
        {
            var body = method.Body;
            var returnsValue = method.ReturnType.MetadataType != MetadataType.Void;
            VariableDefinition? result = null;
            if (returnsValue)
            {
                result = new VariableDefinition(method.ReturnType);
                body.Variables.Add(result);
            }

            var epilogue = new List<Instruction>();
            if (result != null) epilogue.Add(Instruction.Create(OpCodes.Ldloc, result));
            epilogue.Add(Instruction.Create(OpCodes.Ret));

            for (int i = bodyStart; i < code.Count; i++)
            {
                var instruction = code[i];
                if (instruction.OpCode.Code != Code.Ret) continue;

                // The ret object itself becomes the first instruction of the exit path, so whatever targeted it
                // (a branch, a sequence point) still does.
                if (result != null)
                {
                    instruction.OpCode = OpCodes.Stloc;
                    instruction.Operand = result;
                    code.Insert(++i, Instruction.Create(OpCodes.Leave, epilogue[0]));
                }
                else
                {
                    instruction.OpCode = OpCodes.Leave;
                    instruction.Operand = epilogue[0];
                }
            }

            var handler = Call(frame, _calls.Exit);
            handler.Add(Instruction.Create(OpCodes.Endfinally));
            var tryStart = code[bodyStart];

            // A region that ran to the end of the method (a null end) must now stop where the new handler begins.
            foreach (var existing in body.ExceptionHandlers)
            {
                existing.TryEnd ??= handler[0];
                existing.HandlerEnd ??= handler[0];
            }

            code.AddRange(handler);
            code.AddRange(epilogue);

            body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = tryStart,
                TryEnd = handler[0],
                HandlerStart = handler[0],
                HandlerEnd = epilogue[0],
            });
        }

        private static void Replace(MethodBody body, List<Instruction> code)
        {
            // Clear and re-add keeps this linear in the method's size; Collection.Insert would make it quadratic.
            var instructions = body.Instructions;
            instructions.Clear();
            foreach (var instruction in code) instructions.Add(instruction);
            code[0].Previous = null;
            code[code.Count - 1].Next = null;
        }
    }
}
