#!/usr/bin/env python3
"""Fails when a function in the given C++ files is longer than 80 lines (the project's rule for app/
and ui/: a longer one is asking to be split). A definition starts at column 0 and ends at the next
'}' at column 0 (the project's formatting: clang-format, no indented namespaces)."""
import sys
res=[]
for f in sys.argv[1:]:
    lines=open(f).read().split('\n')
    i=0
    while i<len(lines):
        l=lines[i]
        # a function definition starts at column 0 (or 4 within namespace? project uses no indent in namespaces)
        if l and not l[0].isspace() and not l.startswith(('#','//','namespace','}','using','class','struct','enum','template','static_assert','constexpr','inline constexpr')) and ('(' in l or (i>0 and '(' in lines[i-1])):
            # find the opening brace line
            j=i
            while j<len(lines) and not lines[j].rstrip().endswith('{') and not lines[j].rstrip().endswith(';'):
                j+=1
            if j<len(lines) and lines[j].rstrip().endswith('{'):
                # find closing '}' at column 0
                k=j+1
                while k<len(lines) and not lines[k].startswith('}'):
                    k+=1
                n=k-i+1
                if n>80: res.append((n,f,i+1,l.strip()[:70]))
                i=k
        i+=1
for n, f, line, head in sorted(res, reverse=True):
    print(f"{f}:{line}: {n} lines: {head}")
sys.exit(1 if res else 0)
