'use client'

import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

/** A checkbox in a list column: "Yes" or "No" in words (an unset box is unchecked). */
export const BooleanCell = ({ cellData }: DefaultCellComponentProps) => (
  <span className={`boolean-cell boolean-cell--${cellData === true ? 'yes' : 'no'}`}>{cellData === true ? 'Yes' : 'No'}</span>
)
