'use client'

import React from 'react'
import { Area, AreaChart, ResponsiveContainer, Tooltip } from 'recharts'

/** A site's daily visitors as a small chart without axes. */
export const Sparkline = ({ days, label }: { days: { date: string; visitors: number }[]; label: string }) => (
  <div aria-label={label} role="img" style={{ height: 48 }}>
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={days} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
        <Tooltip labelFormatter={(_, payload) => String(payload?.[0]?.payload?.date ?? '')} formatter={(v) => [v, 'Visitors']} />
        <Area type="monotone" dataKey="visitors" stroke="#2563eb" fill="#2563eb" fillOpacity={0.15} strokeWidth={1.5} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  </div>
)
