subset = df[df['value'] > step]
print(f'step {step}: rows={len(subset)}')
subset.plot(x='t', y='value')
plt.show()
